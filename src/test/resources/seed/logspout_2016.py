# The 2016 blog post's boto3 script that logship replaces, kept nearly verbatim.
# Only the placeholders are filled from the environment: region ('xxx' in the post),
# the cluster ('my-cluster-name') and N (the number of EC2 nodes). The endpoint comes
# from AWS_ENDPOINT_URL_ECS, which boto3 reads by itself, so the code is unchanged.
import os

import boto3

# Create ECS Task Definition

task_def = {
    'image': 'gliderlabs/logspout',
    'name': 'logspout',
    'essential': True,
    'memory': 128,
    'cpu': 1,
    'portMappings': [{
        'containerPort': 1234,   # trick ECS into only scheduling one container per node
        'hostPort': 1234,        # by mapping a dummy port to our logspout container
        'protocol': 'tcp'
    }],
    'mountPoints': [{
        'containerPath': '/tmp/docker.sock',    # logspout uses the docker unix socket
        'sourceVolume': 'dockersock'            # to gather logs from the other containers
    }],
    'command': ["syslog://HOST.papertrailapp.com:PORT"]     #replace HOST and PORT with your account's config
}

volume = {
    'host': {'sourcePath': '/var/run/docker.sock'},
    'name': 'dockersock'
}

client = boto3.client('ecs', region_name=os.environ['SEED_REGION'])

client.register_task_definition(
    family = 'my-task-def',
    containerDefinitions = [task_def],
    volumes = [volume]
)


# Create ECS Service

N = int(os.environ['SEED_NODES'])

client.create_service(
    desiredCount = N, #replace with number of EC2 nodes in your cluster
    cluster = os.environ['SEED_CLUSTER'],
    serviceName = 'logspout-service',
    taskDefinition = 'my-task-def'
)
